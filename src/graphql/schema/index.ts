import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './errors.js';
import './contact.js';
import './upsert.js';
import './contact-mutations.js';
import './contacts-connection.js';
import './organisations.js';
import './assignments.js';
import './request-log.js';
import './history.js';
import './webhooks.js';

export const schema = lexicographicSortSchema(builder.toSchema());
