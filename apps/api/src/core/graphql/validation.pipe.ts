import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonError } from '../errors/common.errors';

function collect(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    Object.assign(fields, collect(error.children ?? [], path));
  }
  return fields;
}

/**
 * Validates input and args classes only: a GraphQL enum or scalar argument arrives with its enum
 * object (not a class) as metatype under some compilers, and is already checked by GraphQL.
 * Text with NUL or lone surrogates never gets this far: the edge refuses it for every request
 * (core/web/text-guard.ts).
 */
class InputClassValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return typeof metadata.metatype === 'function' && super.toValidate(metadata);
  }
}

/** Validates every GraphQL input class; failures become BAD_USER_INPUT naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new InputClassValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      const summary = Object.entries(fields)
        .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
        .join('; ');
      return CommonError.badInput(`Invalid input — ${summary}`, fields);
    },
  });
}
