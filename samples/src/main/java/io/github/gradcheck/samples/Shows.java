package io.github.gradcheck.samples;

import io.github.gradcheck.Mistake;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a wrong twin (a test tagged {@code wrong-twin}, which fails on purpose): the mistake it shows,
 * which gradcheck must name when the twin fails. The demo and {@code WrongTwinsAreCaughtTest} read it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Shows {

    Mistake value();

    /** One line: the slip, and what is right. */
    String slip();
}
