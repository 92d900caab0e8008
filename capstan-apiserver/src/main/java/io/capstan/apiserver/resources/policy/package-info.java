/** policy/v1: PodDisruptionBudgets. */
package io.capstan.apiserver.resources.policy;
