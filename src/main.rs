fn main() {
    println!("esprov");
}
