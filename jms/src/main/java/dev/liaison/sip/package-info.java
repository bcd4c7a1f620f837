/**
 * The SIP edge (RFC 3261, 3856, 3903, 6665): the JAIN-SIP stack, digest authentication, and the hand-off of
 * requests to the core. The only package that imports {@code javax.sip}; it calls presence and platform through their boundaries.
 */
package dev.liaison.sip;
