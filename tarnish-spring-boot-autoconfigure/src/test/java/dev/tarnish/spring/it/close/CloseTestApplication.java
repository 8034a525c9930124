package dev.tarnish.spring.it.close;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with one task whose calls never return. */
@SpringBootApplication
public class CloseTestApplication {
}
