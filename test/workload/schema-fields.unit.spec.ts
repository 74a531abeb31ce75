/**
 * The GraphQL workload input is derived from the domain's workload schema (SchemaFields): every property becomes
 * one field, with its type, nullability and description (the schema's, with its range and default in words).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Args, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, Query, Resolver } from '@nestjs/graphql';
import {
  type GraphQLField,
  type GraphQLInputField,
  GraphQLInputObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isNonNullType,
} from 'graphql';
import { WORKLOAD_JSON_SCHEMA } from '../../src/domain';
import { boundsText, ScenarioWorkloadView, WorkloadInputGql } from '../../src/workload';

@Resolver()
class ProbeResolver {
  @Query(() => Boolean)
  probe(@Args('input', { type: () => WorkloadInputGql }) _input: WorkloadInputGql): boolean {
    return true;
  }

  @Query(() => ScenarioWorkloadView)
  saved(): ScenarioWorkloadView {
    return new ScenarioWorkloadView();
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  schema = await context.get(GraphQLSchemaFactory).create([ProbeResolver]);
  await context.close();
});

const fieldsOf = (name: string): Record<string, GraphQLInputField> =>
  (schema.getType(name) as GraphQLInputObjectType).getFields();
const typeOf = (field: GraphQLInputField | GraphQLField<unknown, unknown>) => String(field.type);

describe('SchemaFields: the GraphQL workload input from the workload schema', () => {
  it('declares one field per schema property, and none of its own', () => {
    expect(Object.keys(fieldsOf('WorkloadInput'))).toEqual(Object.keys(WORKLOAD_JSON_SCHEMA.properties));
  });

  it('derives types and nullability', () => {
    const fields = fieldsOf('WorkloadInput');
    expect(typeOf(fields.avgRecordSizeKB)).toBe('Float!');
    expect(isNonNullType(fields.retentionHours.type)).toBe(false);
    const types = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, typeOf(field)]));
    expect(types).toMatchObject({
      retentionHours: 'Float',
      sharedConsumers: 'Int',
      rackAwareConsumers: 'Boolean',
      region: 'String',
      trafficPattern: 'TrafficPattern',
      mskBrokerFamily: 'MskBrokerFamily',
      hourlyWriteMBps: '[Float!]',
      recordSizeDistribution: '[RecordSizeBucketInput!]',
      deliverTo: '[DeliveryInput!]',
    });
    expect(typeOf(fieldsOf('RecordSizeBucketInput').share)).toBe('Float!');
    expect(typeOf(fieldsOf('DeliveryInput').sink)).toBe('DeliverySink!');
  });

  it('the workload as saved (ScenarioWorkload) has the same fields, nullable unless required, without descriptions', () => {
    const fields = (schema.getType('ScenarioWorkload') as GraphQLObjectType).getFields();
    expect(Object.keys(fields)).toEqual(Object.keys(WORKLOAD_JSON_SCHEMA.properties));
    expect(typeOf(fields.avgRecordSizeKB)).toBe('Float!');
    expect(typeOf(fields.trafficPattern)).toBe('TrafficPattern');
    expect(typeOf(fields.deliverTo)).toBe('[ScenarioDelivery!]');
    expect(fields.retentionHours.description).toBeUndefined();
  });

  it('describes each field with the schema text, its range and its default', () => {
    const fields = fieldsOf('WorkloadInput');
    expect(fields.retentionHours.description).toBe(
      'How long data must stay readable, hours. Range: 1..87600. Default: 24.',
    );
    // A default the schema's text already states is not repeated.
    expect(fields.sizingHeadroomPercent.description).toBe(
      `${WORKLOAD_JSON_SCHEMA.properties.sizingHeadroomPercent.description} Range: 0..400.`,
    );
    expect(boundsText({ exclusiveMinimum: 0, maximum: 1 })).toBe('Range: > 0, ≤ 1.');
    expect(boundsText({ type: 'array', minItems: 24, maxItems: 24, minimum: 0 })).toBe('Range: ≥ 0. 24 items.');
    expect(boundsText({ type: 'string' })).toBe('');
  });
});
