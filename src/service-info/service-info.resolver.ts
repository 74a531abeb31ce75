import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../common/public.decorator';
import { projectRoot } from '../infrastructure/paths';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
  .version;

@ObjectType({ description: 'What this replica is' })
export class ServiceInfo {
  @Field() name: string;
  @Field() version: string;
  @Field(() => Int, { description: 'Seconds since this replica started' }) uptimeSeconds: number;
}

@Resolver(() => ServiceInfo)
export class ServiceInfoResolver {
  @Public()
  @Query(() => ServiceInfo, { description: 'Name, version and uptime of the replica answering' })
  serviceInfo(): ServiceInfo {
    return { name: 'streamfit', version: PACKAGE_VERSION, uptimeSeconds: Math.floor(process.uptime()) };
  }
}
