import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Checks the directory's responses against the Open Referral UK 3.0 profile's own files, vendored
 * in vendor/oruk (CC BY-SA 4.0, see its README): the compiled schemas are added to
 * ajv under the addresses openapi.json refers to them by; taxonomies use the definitions in
 * service_with_definitions.json; a page is checked field by field against components.schemas.Page
 * and item by item against the schema openapi.json gives for `contents[]`. Nothing is written here.
 */
/** The repository's root (apps/api/test/support is four levels down), then vendor/oruk. */
export const ORUK_DIR = resolve(__dirname, '../../../..', 'vendor/oruk');

const PUBLISHED = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema';

type JsonSchema = Record<string, any>;

export interface OrukCheck {
  valid: boolean;
  errors: string[];
}

export class OrukValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly openapi: JsonSchema;
  private readonly page: ValidateFunction;

  constructor(dir = ORUK_DIR) {
    addFormats(this.ajv);
    const compiled = join(dir, 'schema', 'compiled');
    for (const file of readdirSync(compiled).filter((name) => name.endsWith('.json'))) {
      this.ajv.addSchema(readJson(join(compiled, file)), `${PUBLISHED}/compiled/${file}`);
    }
    const { definitions } = readJson(join(compiled, 'service_with_definitions.json'));
    for (const name of ['taxonomy', 'taxonomy_term']) {
      this.ajv.addSchema({ ...definitions[name], definitions }, `${PUBLISHED}/${name}.json`);
    }
    this.openapi = readJson(join(dir, 'schema', 'openapi.json'));
    this.page = this.ajv.compile(this.openapi.components.schemas.Page);
  }

  /** The 200 response of an openapi.json path template (e.g. `/services/{id}`). */
  checkPath(template: string, body: unknown): OrukCheck {
    const schema = this.openapi.paths[template]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`openapi.json has no GET ${template}`);
    if (schema.$ref) return this.checkRef(schema.$ref, body);
    if (
      Array.isArray(schema.allOf) &&
      schema.allOf.some((part: JsonSchema) => part.$ref === '#/components/schemas/Page')
    ) {
      return this.checkPage(schema.properties.contents.items.$ref, body);
    }
    return this.run(this.ajv.compile(schema), body, template);
  }

  /** A page whose items are checked against a compiled schema (e.g. `organization_list.json`). */
  checkPage(itemRef: string, body: unknown): OrukCheck {
    const errors: string[] = [];
    errors.push(...this.run(this.page, body, 'page').errors);
    const page = body as Record<string, unknown>;
    for (const field of Object.keys(this.openapi.components.schemas.Page.properties)) {
      if (!(field in page)) errors.push(`page: missing ${field}`);
    }
    if (!Array.isArray(page.contents)) errors.push('page: contents is not an array');
    else
      page.contents.forEach((item, index) =>
        errors.push(...this.checkRef(itemRef, item).errors.map((e) => `contents[${index}]${e}`)),
      );
    return { valid: errors.length === 0, errors };
  }

  /** Against one compiled schema by file name (`service.json`) or published address. */
  checkRef(ref: string, body: unknown): OrukCheck {
    const address = ref.startsWith('https://') ? ref : `${PUBLISHED}/compiled/${ref}`;
    const validate = this.ajv.getSchema(address);
    if (!validate) throw new Error(`no schema for ${address}`);
    return this.run(validate, body, '');
  }

  private run(validate: ValidateFunction, body: unknown, where: string): OrukCheck {
    const valid = validate(body) as boolean;
    const errors = (validate.errors ?? []).map(
      (e) => `${where}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
    return { valid, errors };
  }
}

function readJson(path: string): JsonSchema {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
}
