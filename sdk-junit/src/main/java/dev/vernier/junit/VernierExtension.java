package dev.vernier.junit;

import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.core.store.ResultStore;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link VernierTest}: resolves {@link ResultStore} and
 * {@link StatisticsConfig} parameters from the nearest {@code @VernierTest}. The store is created
 * once per test class, kept in the class's extension store and closed when the class finishes.
 * Thread-safe (JUnit's extension store synchronises creation).
 */
public final class VernierExtension implements ParameterResolver {

    /** Created by JUnit through {@code @ExtendWith} ({@link VernierTest} does it). */
    public VernierExtension() {
    }

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(VernierExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ResultStore.class || type == StatisticsConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        VernierTest settings = settings(context);
        StatisticsConfig config = StatisticsConfig.defaults().withDisplayConfidence(settings.confidence())
                .withAlpha(settings.alpha()).withPracticalThreshold(settings.practicalThreshold());
        if (parameter.getParameter().getType() == StatisticsConfig.class) {
            return config;
        }
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getParent().isPresent()
                && context.getTestMethod().isPresent() ? context.getParent().get() : context;
        Path dir = Path.of(settings.storeDirectory());
        return classContext.getStore(NS).getOrComputeIfAbsent("store:" + dir.toAbsolutePath(),
                k -> new CloseableStore(ResultStore.builder(dir).statistics(config).build()),
                CloseableStore.class).store();
    }

    private static VernierTest settings(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, VernierTest.class))
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, VernierTest.class)))
                .orElseThrow(() -> new ParameterResolutionException(
                        "VernierExtension needs @VernierTest on the test class or method, but "
                                + context.getDisplayName() + " has none"));
    }

    private record CloseableStore(ResultStore store) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            store.close();
        }
    }
}
