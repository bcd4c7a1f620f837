package dev.liaison.sip.boundary;

import dev.liaison.sip.control.HandOff;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Makes a method handler's {@link HandOff} to the core: the edge knows the queue and the settings,
 * the handler where the answers go.
 */
@FunctionalInterface
interface HandOffs<W, R, A> {

    HandOff<W, R, A> make(BiConsumer<W, A> answer, Consumer<W> fail);
}
