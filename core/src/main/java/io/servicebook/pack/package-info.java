/** Protocol packs: a folder of protocols with its calendars and shared fragments. */
package io.servicebook.pack;
