/**
 * Owns instant messages kept for users who could not take them: the offline store (quota, expiry, order, deletion on
 * delivery), the notices owed to senders, groups and messages sent from the web. Calls directory, collab (a meeting's
 * participants make its chat room, through collab's boundary) and platform; fed by the SIP edge, the MSRP edge and REST.
 */
package dev.liaison.im;
