import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ContentNegotiationInterceptor } from './common/http/content-negotiation';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphqlError } from './common/graphql-error.formatter';
import { jitExecutorPlugin } from './graphql-support/jit-executor.plugin';
import { offlineIdePlugin } from './graphql-support/offline-ide';
import { nearMissPlugin } from './graphql-support/near-miss.plugin';
import { documentStore } from './graphql-support/document-store';
import { MAX_QUERY_TOKENS, queryLimitsPlugin } from './graphql-support/query-limits.plugin';
import { yieldInLargeLists } from './graphql-support/yielding-lists';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { graphqlContext, graphqlGate } from './auth/graphql-gate';
import { EvaluationModule } from './evaluation/evaluation.module';
import { FromMetricsModule } from './from-metrics/from-metrics.module';
import { batchUnits } from './evaluation/batch/batch-estimate.controller';
import { HealthModule } from './health/health.module';
import { RatesModule } from './rates/rates.module';
import { PresetsModule } from './presets/presets.module';
import { PriceWatchModule } from './price-watch/price-watch.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { type InfrastructureOptions, InfrastructureModule } from './infrastructure/infrastructure.module';
import { ServiceInfoResolver } from './service-info/service-info.resolver';

@Module({})
export class AppModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService],
          useFactory: (auth: AuthService) => {
            const formatError = (formatted: GraphQLFormattedError, error: unknown) =>
              formatGraphqlError(formatted, error, options.logger);
            return {
              path: '/graphql',
              autoSchemaFile: true,
              sortSchema: true,
              playground: false,
              graphiql: false,
              introspection: true,
              includeStacktraceInErrorResponses: false,
              // No HTTP cache hints are served, so Apollo's cache-control plugin (a hook on every field) stays off.
              // Queries run compiled (graphql-jit) unless GRAPHQL_JIT=false, within GRAPHQL_JIT_CACHE_BYTES; mutations
              // stay graphql-js's.
              plugins: [
                offlineIdePlugin('/graphql'),
                queryLimitsPlugin(undefined, graphqlGate(auth), (rows) =>
                  batchUnits(rows, options.config.BATCH_ROWS_PER_UNIT),
                ),
                ApolloServerPluginCacheControlDisabled(),
                nearMissPlugin(),
                ...(options.config.GRAPHQL_JIT
                  ? [
                      jitExecutorPlugin({
                        metrics: options.metrics,
                        formatError,
                        maxBytes: options.config.GRAPHQL_JIT_CACHE_BYTES,
                      }),
                    ]
                  : []),
              ],
              // Authentication first, before parsing (src/auth/graphql-gate.ts); then the limits, cheapest first.
              context: graphqlContext(auth),
              formatError,
              // Break-even series are completed a chunk of points per event-loop turn (health checks are not held up).
              transformSchema: (schema) => yieldInLargeLists(schema),
              parseOptions: { maxTokens: MAX_QUERY_TOKENS },
              // Parsed and validated documents, bounded in bytes (Apollo's default store is bounded by JSON length).
              documentStore: options.config.PERF_DOCUMENT_STORE ? documentStore() : null,
            };
          },
        }),
        AuthModule,
        HealthModule,
        RatesModule,
        EvaluationModule,
        ScenariosModule,
        PresetsModule,
        FromMetricsModule,
        PriceWatchModule,
      ],
      providers: [ServiceInfoResolver, { provide: APP_INTERCEPTOR, useClass: ContentNegotiationInterceptor }],
    };
  }
}
