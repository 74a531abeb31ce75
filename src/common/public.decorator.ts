import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'streamfit:isPublic';
/** Marks a controller or route as callable without an API key (health, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
