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
 * How pipes see an @Args() parameter: GqlParamtype.ARGS is 3, which Nest's pipe consumer names
 * as RouteParamtypes 3, 'body' (context, parent and info arrive as 'custom').
 */
const GQL_ARGS = 'body';

/** The path of the first text under `value` that holds a NUL character, if any. */
function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Validates input and args classes only: a GraphQL enum or scalar argument arrives with its enum
 * object (not a class) as metatype under some compilers, and is already checked by GraphQL.
 * Before that, every argument (scalars too) is refused if any text in it holds a NUL character,
 * which PostgreSQL cannot store or even compare (it would fail the query, not the input).
 */
class InputClassValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === GQL_ARGS) {
      const path = nulPath(value, metadata.data ?? 'args');
      if (path) throw CommonError.badInput(`Invalid input — ${path}: must not contain the NUL character`, { [path]: ['must not contain the NUL character'] });
    }
    return super.transform(value, metadata);
  }

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
