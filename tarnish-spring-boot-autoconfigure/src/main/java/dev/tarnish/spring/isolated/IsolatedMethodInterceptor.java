package dev.tarnish.spring.isolated;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.TarnishException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import tools.jackson.core.JacksonException;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;

/**
 * Sends the calls of one bean's isolated methods to their workers: encodes the arguments, calls the
 * method's process and decodes the return value; the process throws what a task's process throws.
 * Calls of the bean's other methods proceed in the application.
 */
final class IsolatedMethodInterceptor implements MethodInterceptor {

    private final Class<?> beanClass;

    private final Map<Method, Route> routes;

    /**
     * Creates the interceptor of one bean.
     * @param beanClass the bean's class
     * @param routes the route of each isolated method, by the method as the bean's class has it
     */
    IsolatedMethodInterceptor(Class<?> beanClass, Map<Method, Route> routes) {
        this.beanClass = beanClass;
        this.routes = routes;
    }

    /**
     * Tells whether a method invoked on the proxy is one of the isolated ones.
     * @param method the method, possibly an interface's or a bridge
     * @return whether calls of it go to a worker
     */
    boolean isolates(Method method) {
        return route(method) != null;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Route route = route(invocation.getMethod());
        if (route == null) {
            return invocation.proceed();
        }
        return route.call(invocation.getArguments());
    }

    private Route route(Method method) {
        Method specific = BridgeMethodResolver.findBridgedMethod(AopUtils.getMostSpecificMethod(method,
                this.beanClass));
        return this.routes.get(specific);
    }

    /**
     * Where the calls of one isolated method go.
     *
     * @param method the method
     * @param codec its codec
     * @param process its process, looked up on the first call: the bean may be created before it
     */
    record Route(IsolatedMethod method, MethodCodec codec, Supplier<IsolatedProcess<?>> process) {

        Object call(Object[] arguments) {
            IsolatedProcess<?> target = this.process.get();
            byte[] input = encode(arguments);
            if (this.codec.asynchronous()) {
                CompletableFuture<byte[]> future = target.callAsync(input);
                return future.thenApply(this::decode);
            }
            return decode(target.call(input));
        }

        private byte[] encode(Object[] arguments) {
            try {
                return this.codec.encodeArguments(arguments);
            }
            catch (JacksonException ex) {
                throw new IllegalArgumentException("Task '" + this.method.taskName() + "' cannot encode the "
                        + "arguments of " + this.method.description() + ": " + ex.getOriginalMessage(), ex);
            }
        }

        private Object decode(byte[] output) {
            try {
                return this.codec.decodeResult(output);
            }
            catch (JacksonException ex) {
                throw new TarnishException(this.method.taskName(), -1, "Task '" + this.method.taskName()
                        + "': the return value cannot be decoded as " + this.codec.resultTypeName() + ": "
                        + ex.getOriginalMessage(), ex);
            }
        }
    }
}
