import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * Every instant a client may send: from 2000 to 2100 (UTC). Far wider than any event, agenda or
 * report, and narrow enough that date maths (time zones, slot grids, weeks) never meets NaN, a
 * PostgreSQL "timestamp out of range" or a year-275760 loop.
 */
export const DATE_TIME_WINDOW = { min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') };

/** RFC 3339 date-time: date, time (seconds and fractions optional), and Z or an offset. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-](\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant `value` names, or a GraphQLError saying why it is not one this API accepts. */
export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be a string such as 2027-02-01T10:00:00Z.');
  const match = RFC3339.exec(value);
  if (!match) throw new GraphQLError(`DateTime must look like 2027-02-01T10:00:00Z, not "${value.slice(0, 40)}".`);
  const [year, month, day, hour, minute, second = 0, , offsetHours = 0, offsetMinutes = 0] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9,
  ].map((i) => (match[i] === undefined ? undefined : Number(match[i]))) as number[];
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  const date = new Date(value);
  if (!valid || Number.isNaN(date.getTime()))
    throw new GraphQLError(`DateTime "${value.slice(0, 40)}" is not a real date and time.`);
  if (date < DATE_TIME_WINDOW.min || date >= DATE_TIME_WINDOW.max) {
    throw new GraphQLError(
      `DateTime must be from ${DATE_TIME_WINDOW.min.toISOString()} and before ${DATE_TIME_WINDOW.max.toISOString()}.`,
    );
  }
  return date;
}

/**
 * The `DateTime` scalar (replacing @nestjs/graphql's, which turns any value at all, numbers and
 * nonsense included, into a Date, valid or not): only real RFC 3339 instants inside
 * DATE_TIME_WINDOW reach a resolver. Anything else fails GraphQL's own coercion, which answers
 * BAD_USER_INPUT for a variable and GRAPHQL_VALIDATION_FAILED for an inline value — so every date
 * argument, in every input type, is bounded in one place.
 */
export const BoundedDateTime = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: parseDateTime,
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string such as 2027-02-01T10:00:00Z.');
    return parseDateTime(ast.value);
  },
});
