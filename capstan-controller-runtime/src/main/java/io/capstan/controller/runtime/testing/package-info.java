/**
 * Test helpers for code built on the controller runtime, kept in main so other modules can use
 * them without test-jars: a {@link io.capstan.controller.runtime.testing.FakeClock} that is both a
 * {@link java.time.Clock} and a {@link io.capstan.controller.runtime.Scheduler} and only moves when
 * a test advances it.
 */
package io.capstan.controller.runtime.testing;
