/**
 * The JSF portal pages a user manages their account, presence and profiles with.
 * Calls the boundaries of directory, profile, presence and platform; owns no state of its own.
 */
package dev.liaison.portal;
