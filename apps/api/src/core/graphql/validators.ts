import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * For a field of an update input that may be left out (unchanged) but, when given, must be a
 * value: its column is required, so `null` would fail in the database (NOT NULL) instead of
 * answering BAD_USER_INPUT. Unlike `@IsOptional()`, which skips the field's other validators for
 * null as well as for undefined, this skips them only when the field is absent.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
