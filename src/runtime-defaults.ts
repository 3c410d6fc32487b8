/**
 * Imported first by the server: libraries that read NODE_ENV as they load
 * (graphql-js runs extra development-only checks on every value otherwise) must
 * see the same default as the configuration, which is production.
 */
process.env.NODE_ENV ??= 'production';
