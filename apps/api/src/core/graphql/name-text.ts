import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Unicode format (Cf: bidi controls, zero-width characters, soft hyphen…) and control (Cc) characters. */
export const INVISIBLE_CHARACTERS = /[\p{Cf}\p{Cc}]/u;

/**
 * A name or title people recognise each other by: stored in Unicode NFC (so "ô" typed as o plus a
 * combining circumflex is the same name as "ô"), and refused (BAD_USER_INPUT) if it holds a format
 * or control character, with which one name could look like another or display reversed.
 */
export const NameText = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC') : value)),
    Matches(/^[^\p{Cf}\p{Cc}]*$/u, {
      message: '$property must not contain invisible formatting characters (bidi controls, zero-width characters)',
    }),
  );
