export { startMongoLite } from './server';
export type { MongoLite, MongoLiteOptions } from './server';
