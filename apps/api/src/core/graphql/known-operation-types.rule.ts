import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * Refuses an operation whose root type the schema does not have (e.g. a `subscription` while none
 * is defined) during validation, as a GRAPHQL_VALIDATION_FAILED 400. Without it graphql-js 16 only
 * notices at execution and the client gets an INTERNAL_SERVER_ERROR for its own mistake (graphql
 * 17 has this rule built in as KnownOperationTypesRule).
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: node }));
      }
    },
  };
}

/**
 * Over HTTP only queries and mutations run: a subscription (which the schema has) is served over
 * WebSocket (graphql-ws, subscription-server.ts). Refused during validation as a
 * GRAPHQL_VALIDATION_FAILED 400, where Apollo would otherwise fail executing it (a TypeError).
 */
export function noSubscriptionsOverHttpRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation === 'subscription' && context.getSchema().getRootType(node.operation)) {
        context.reportError(
          new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP.', {
            nodes: node,
          }),
        );
      }
    },
  };
}
