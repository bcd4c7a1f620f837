/**
 * The MSRP edge (RFC 4975): the framing codec, chunking and reassembly, and the Netty listener and
 * outbound connections that carry instant messages. The only package besides the SIP and mail edges
 * that imports Netty; what it receives it hands on through {@link dev.liaison.msrp.control.MsrpSessions}.
 */
package dev.liaison.msrp;
