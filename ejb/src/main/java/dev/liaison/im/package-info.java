/**
 * Owns instant messages kept for users who could not take them: the offline store (quota, expiry, order, deletion on
 * delivery) and the notices owed to senders. Calls directory and platform; fed by the SIP edge, the MSRP edge and REST.
 */
package dev.liaison.im;
