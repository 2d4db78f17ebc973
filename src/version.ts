/** The package version, sent with every response as `client.version`. `npm run build` checks it matches package.json. */
export const VERSION = '0.1.0';
