// Placeholder so the package builds while Gnuplot is being written.
enum GnuplotModule {}
