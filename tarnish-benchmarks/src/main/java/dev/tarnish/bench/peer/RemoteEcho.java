package dev.tarnish.bench.peer;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The Java RMI baseline's remote interface: returns its argument.
 */
public interface RemoteEcho extends Remote {

    /**
     * Returns the argument.
     * @param value a serializable value
     * @return the same value, serialized both ways
     * @throws RemoteException if the call fails
     */
    Object echo(Object value) throws RemoteException;
}
