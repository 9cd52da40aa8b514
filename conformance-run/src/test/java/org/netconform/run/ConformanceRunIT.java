package org.netconform.run;

import org.netconform.runner.NetconformSuite;

/**
 * The conformance run of every bundled target, exactly as a vendor runs theirs: one class extending
 * NetconformSuite, which Failsafe finds by its name with its default settings.
 */
class ConformanceRunIT extends NetconformSuite {
}
