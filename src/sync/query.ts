/**
 * The sync's one document as the text it sends. The build replaces this
 * module with the string printed at build time (scripts/build-options.mjs), so
 * that the command never loads graphql-js, which would stay in its memory for
 * the whole sync; run from the sources (tests), it is printed here.
 */
import { print } from 'graphql';
import { SyncUpsertContacts } from './documents.js';

export const syncUpsertContactsText = print(SyncUpsertContacts);
