#!/usr/bin/env node
/**
 * The baseline of `npm run bench:graphql`: the API's own schema (apps/api/schema.gql) served by bare
 * graphql-js on node:http — parse, validate and execute every request, as a minimal server does,
 * with no framework, no cookies, no limits, no logging. Prints its port on stdout when listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, parse, validate } from 'graphql';

const schemaFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'api', 'schema.gql');
const schema = buildSchema(readFileSync(schemaFile, 'utf8'));

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let status = 200;
    let result;
    try {
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const document = parse(query);
      const errors = validate(schema, document);
      result =
        errors.length > 0 ? { errors } : await execute({ schema, document, variableValues: variables, operationName });
      if (errors.length > 0) status = 400;
    } catch (error) {
      status = 400;
      result = { errors: [{ message: String(error) }] };
    }
    const body = JSON.stringify(result);
    res.writeHead(status, {
      'content-type': 'application/graphql-response+json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(String(server.address().port));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
