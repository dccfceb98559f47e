/**
 * Types shared by the embedded database and the network client.
 *
 * @module
 */
export * from "./database.ts";
