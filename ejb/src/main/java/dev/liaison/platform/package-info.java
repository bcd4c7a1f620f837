/**
 * The shared kernel: settings, security (roles, password hashing, acting for a user), the errors
 * every boundary translates, and the one path of domain events ({@link dev.liaison.platform.DomainEvents}).
 * It imports no feature; every feature may use it.
 */
package dev.liaison.platform;
