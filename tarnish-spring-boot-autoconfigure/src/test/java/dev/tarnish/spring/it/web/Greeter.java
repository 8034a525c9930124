package dev.tarnish.spring.it.web;

import org.springframework.stereotype.Component;

/** A plain bean that the echo task depends on. */
@Component
public class Greeter {

    String greet(String name) {
        return "Hello " + name;
    }
}
