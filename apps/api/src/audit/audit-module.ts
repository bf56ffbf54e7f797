import type { ApiModule } from '../api-module.js';
import { auditResolvers } from './audit-resolvers.js';

export const auditModule: ApiModule = { name: 'audit', resolvers: auditResolvers };
