/**
 * What a single GraphQL request may ask for, enforced before it runs (GraphQL
 * Armor): cheap refusals of abusive documents. The defaults leave the schema's
 * own legitimate operations, and GraphiQL's introspection, far inside them.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';
import { loadConfig, type Config } from '../config.js';

export interface GraphQLLimits {
  /** Nesting of selections (introspection is exempt). */
  maxDepth: number;
  /** Lexical tokens in a document: stops a huge document before it is parsed. */
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
  /** Armor's cost estimate (objects, scalars, depth). */
  maxCost: number;
  /** "Did you mean …?" hints reveal the schema; only development wants them. */
  fieldSuggestions: boolean;
}

/** The GraphQL limits the configuration sets; "did you mean" hints only in development. */
export function graphqlLimitsOf(config: Config): GraphQLLimits {
  return {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxCost: config.GRAPHQL_MAX_COST,
    fieldSuggestions: config.NODE_ENV === 'development',
  };
}

/** The limits of an unconfigured server. */
export const defaultGraphQLLimits: GraphQLLimits = graphqlLimitsOf(loadConfig({}));

export function graphqlLimitPlugins(limits: GraphQLLimits): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases }),
    maxDirectivesPlugin({ n: limits.maxDirectives }),
    costLimitPlugin({ maxCost: limits.maxCost, ignoreIntrospection: true }),
    ...(limits.fieldSuggestions ? [] : [blockFieldSuggestionsPlugin()]),
  ] as Plugin[];
}
