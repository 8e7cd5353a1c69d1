import { QueryRunner } from 'typeorm';

/** Column types spelled for the engine a migration runs on; the SQL around them is shared. */
export function ddlTypes(runner: QueryRunner) {
  const postgres = runner.connection.options.type === 'postgres';
  return {
    id: 'varchar(36)',
    instant: postgres ? 'timestamptz' : 'datetime',
    bool: 'boolean',
    int: 'integer',
    text: 'text',
    json: 'text',
  };
}
