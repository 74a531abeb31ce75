import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphqlError } from './common/graphql-error.formatter';
import { offlineIdePlugin } from './graphql-support/offline-ide';
import { HealthModule } from './health/health.module';
import { type InfrastructureOptions, InfrastructureModule } from './infrastructure/infrastructure.module';
import { ServiceInfoResolver } from './service-info/service-info.resolver';

@Module({})
export class AppModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          graphiql: false,
          introspection: true,
          includeStacktraceInErrorResponses: false,
          plugins: [offlineIdePlugin('/graphql')],
          formatError: (formatted, error) => formatGraphqlError(formatted, error, options.logger),
        }),
        HealthModule,
      ],
      providers: [ServiceInfoResolver],
    };
  }
}
