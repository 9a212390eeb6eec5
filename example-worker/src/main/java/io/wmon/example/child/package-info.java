/** The class the example worker loads through a child class loader; nothing else may reference it. */
package io.wmon.example.child;
