/** The Kiva Sheets server: serves the add-in and speaks to Kiva for it (see docs/server.md). */
export { loadServerConfig, DEFAULT_PORT, type LoadOptions, type LoadResult } from './config/load';
export { SETTING_NAMES, CONFIG_FILE_VARIABLE, type SettingName, type SettingValues } from './config/names';
export { dataDirectory, defaultDatabasePath } from './config/data-dir';
export type { ConfigProblem, EntraConfig, EnvironmentConfig, KivaEnvironmentName, ServerConfig } from './config/types';
export { startServer, type RunningServer, type ServerDeps } from './server';
export type { ServerHooks } from './http/app';
export type { StaticMount } from './http/static-routes';
export { PAIRING_KEY_HEADER } from './auth/pairing';
export type { OwnerLookup } from './auth/socket-owner';
export type { LogLevel } from './logger';
