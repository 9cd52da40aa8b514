package org.netconform.harness;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.netconform.spi.AreaAdapter;
import org.netconform.harness.result.Outcome;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;
import org.netconform.spi.Target;
import org.opentest4j.TestAbortedException;

/** Runs a {@link ConformanceTest} once per selected target, judges and publishes each execution. */
public final class ConformanceExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(Requirement.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Preflight.require();
        return Targets.selectedFor(TestCase.of(context.getRequiredTestMethod())).stream().map(PerTarget::new);
    }

    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        // a shard may run none of the selected targets for this test's area
        return true;
    }

    private record PerTarget(Target target) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + target.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new AdapterResolver(target), new Interceptor(target));
        }
    }

    /** Supplies the target's adapters; null when absent, because the interceptor reports that first. */
    private record AdapterResolver(Target target) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return AreaAdapter.class.isAssignableFrom(p.getParameter().getType());
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return target.adapter(p.getParameter().getType().asSubclass(AreaAdapter.class)).orElse(null);
        }
    }

    private record Interceptor(Target target) implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                                ExtensionContext context) throws Throwable {
            TestCase tc = TestCase.of(call.getExecutable());
            boolean[] ran = {false};
            PublishedResult r = TargetExecution.run(target, tc, () -> {
                ran[0] = true;
                try {
                    invocation.proceed();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, () -> TargetExecution.Extras.NONE, false);
            if (!ran[0]) {
                invocation.skip();
            }
            context.publishReportEntry(PublishedResult.KEY, ResultJson.write(r));
            RunTally.record(r);
            AssertionError mismatch = Judge.mismatch(r, null);
            if (mismatch != null) {
                throw mismatch;
            }
            if (r.outcome() == Outcome.UNSUPPORTED) {
                throw new TestAbortedException("UNSUPPORTED: " + r.reason());
            }
        }
    }
}
