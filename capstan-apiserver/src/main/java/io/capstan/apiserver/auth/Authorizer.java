package io.capstan.apiserver.auth;

/** Decides whether an authenticated user may do what a request asks. */
public interface Authorizer {

  Decision authorize(RequestAttributes request);
}
