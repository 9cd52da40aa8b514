package com.example.okio;

import org.netconform.runner.NetconformSuite;

/**
 * The conformance suites against this project's targets: Surefire runs it by its name, with its
 * default settings. Which target: src/test/resources/netconform.properties (or -Dnetconform.target).
 */
class OkioConformanceTest extends NetconformSuite {
}
