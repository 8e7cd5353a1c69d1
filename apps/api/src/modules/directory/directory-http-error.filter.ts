import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DirectoryError } from './directory.errors';

/**
 * The feed's error body: `{ "error": CODE, "message": …, …details }` with 400 or 404. Scoped to the
 * directory controller, so the GraphQL error filter never sees these.
 */
@Catch(DirectoryError)
export class DirectoryHttpErrorFilter implements ExceptionFilter {
  catch(error: DirectoryError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(error.httpStatus)
      .json({ error: error.code, message: error.message, ...error.details });
  }
}
