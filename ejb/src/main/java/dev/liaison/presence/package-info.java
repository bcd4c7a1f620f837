/**
 * Owns access sessions (registrations), publications, authorisation requests and connectability per watcher,
 * recomputed on every change. Calls profile, directory, platform; fed by the SIP edge, REST, SOAP, XCAP and the push stream;
 * offers routing the callee of a call as the caller may see them ({@code CallTargets}).
 */
package dev.liaison.presence;
