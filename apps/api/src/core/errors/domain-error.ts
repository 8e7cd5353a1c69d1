/**
 * Base of every module's exception class. Each module declares one code enum and one subclass
 * (`<module>.errors.ts`); the GraphQL error filter maps them all to `extensions.code`.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
