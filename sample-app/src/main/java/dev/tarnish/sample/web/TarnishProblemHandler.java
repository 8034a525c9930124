package dev.tarnish.sample.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.tarnish.CrashReport;
import dev.tarnish.PoisonInputException;
import dev.tarnish.TarnishException;
import dev.tarnish.TaskFailedException;
import dev.tarnish.TaskTimeoutException;
import dev.tarnish.WorkerCrashedException;
import dev.tarnish.WorkerUnavailableException;

/**
 * Maps tarnish's exceptions to RFC 9457 problem details: the worker is an upstream server, so a
 * crash is a bad gateway (502), a timeout a gateway timeout (504), no worker at all a service
 * unavailable (503), and the task's own error or an input that crashed too many workers an
 * unprocessable request (422).
 */
@RestControllerAdvice
class TarnishProblemHandler {

    @ExceptionHandler
    ProblemDetail crashed(WorkerCrashedException ex) {
        CrashReport report = ex.getReport();
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "Worker crashed", "worker-crashed", ex);
        problem.setProperty("cause", report.cause().tagValue());
        problem.setProperty("exitCode", report.exitCode());
        problem.setProperty("signal", report.signal());
        problem.setProperty("fatalError", report.fatalError());
        problem.setProperty("crashDetail", report.detail());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail quarantined(PoisonInputException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Input quarantined", "poison-input", ex);
        problem.setProperty("crashes", ex.getCrashes().size());
        problem.setProperty("lastCause", ex.getCrashes().get(ex.getCrashes().size() - 1).cause().tagValue());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail timedOut(TaskTimeoutException ex) {
        ProblemDetail problem = problem(HttpStatus.GATEWAY_TIMEOUT, "Task timed out", "task-timeout", ex);
        problem.setProperty("timeout", ex.getTimeout().toString());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unavailable(WorkerUnavailableException ex) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "No worker available", "worker-unavailable",
                ex);
        problem.setProperty("reason", ex.getReason().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail failed(TaskFailedException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Task failed", "task-failed", ex);
        problem.setDetail(ex.getRemoteMessage());
        problem.setProperty("exception", ex.getRemoteClassName());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badInput(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String type, TarnishException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle(title);
        problem.setType(URI.create("https://tarnish.dev/problems/" + type));
        problem.setProperty("task", ex.getTaskName());
        ex.getWorkerPid().ifPresent((pid) -> problem.setProperty("pid", pid));
        return problem;
    }
}
