// Placeholder so the package builds while NeuralNet is being written.
enum NeuralNetModule {}
