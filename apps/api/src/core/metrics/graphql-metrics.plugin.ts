import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { operationLabel } from '../graphql/operation-log.plugin';
import { Metrics } from './metrics';

/** Times every GraphQL operation into cyswllt_graphql_operation_duration_seconds. */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin {
  constructor(private readonly metrics: Metrics) {}

  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    const stop = this.metrics.graphqlOperationDuration.startTimer();
    const metrics = this.metrics;
    return {
      async willSendResponse({ operation, response }) {
        const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
        const name = operation ? operationLabel(operation.name?.value, operation.operation) : 'invalid';
        stop({
          operation: metrics.operationLabel(name),
          type: operation?.operation ?? 'unknown',
          outcome: failed ? 'error' : 'ok',
        });
      },
    };
  }
}
