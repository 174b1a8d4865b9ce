/** The error type gan4j shows its users as one paragraph, and its exit codes. */
package org.gan4j.api;
