/**
 * Owns users, their terminals, credentials (password hashes and SIP digest values) and contact numbers.
 * Calls only the platform; fed by REST {@code /api/users}, SOAP {@code /soap/directory} and the portal.
 */
package dev.liaison.directory;
