package dev.strata; public class Main { public static void main(String[] a){} }
