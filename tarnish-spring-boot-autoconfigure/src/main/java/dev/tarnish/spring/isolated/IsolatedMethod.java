package dev.tarnish.spring.isolated;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

/**
 * One {@link dev.tarnish.spring.Isolated @Isolated} method of one bean: a task of its own.
 *
 * @param taskName the task's name
 * @param beanName the name of the bean whose method it is
 * @param beanClass the bean's class, without any proxy subclass: the method's types resolve against it
 * @param method the annotated method, as declared on (or inherited by) the bean's class
 * @param workers the annotation's {@code workers}, below 1 when not set
 * @param callTimeout the annotation's {@code callTimeout}, empty when not set
 */
public record IsolatedMethod(String taskName, String beanName, Class<?> beanClass, Method method, int workers,
        String callTimeout) {

    /**
     * Describes the method for messages: its bean's class, its name and its parameter types.
     * @return such as {@code com.example.Thumbnails#render(String, int)}
     */
    public String description() {
        return describe(this.beanClass, this.method);
    }

    static String describe(Class<?> beanClass, Method method) {
        return beanClass.getName() + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
            .map(ClassUtils::getShortName)
            .collect(Collectors.joining(", ", "(", ")"));
    }
}
